namespace DepositTwin.Estimation;

/// <summary>
/// Which instruction width the estimation kernels use. <see cref="Auto"/> takes the widest the machine
/// accelerates. Forcing a path the machine does not accelerate still gives correct results (the runtime
/// emulates the vector operations), so every path can be tested on any machine.
/// </summary>
public enum KernelPath
{
    /// <summary>The widest accelerated path: Vector512, else Vector256, else Vector128, else scalar.</summary>
    Auto,

    /// <summary>The plain scalar reference implementation.</summary>
    Scalar,

    /// <summary>128-bit vectors (2 doubles), with a scalar remainder.</summary>
    Vector128,

    /// <summary>256-bit vectors (4 doubles), then 128-bit, then scalar.</summary>
    Vector256,

    /// <summary>512-bit vectors (8 doubles), then 256-bit, 128-bit, scalar.</summary>
    Vector512,
}

/// <summary>Resolves <see cref="KernelPath.Auto"/> and the DEPOSITTWIN_KERNEL_PATH environment override.</summary>
internal static class KernelPaths
{
    /// <summary>
    /// The path to use: the requested one, unless it is Auto, in which case the environment variable
    /// DEPOSITTWIN_KERNEL_PATH (Scalar, Vector128, Vector256, Vector512) or else the widest accelerated path.
    /// </summary>
    public static KernelPath Resolve(KernelPath requested)
    {
        if (requested != KernelPath.Auto)
        {
            return requested;
        }

        if (Enum.TryParse(Environment.GetEnvironmentVariable("DEPOSITTWIN_KERNEL_PATH"), ignoreCase: true, out KernelPath forced) && forced != KernelPath.Auto)
        {
            return forced;
        }

        return System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? KernelPath.Vector512
            : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? KernelPath.Vector256
            : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? KernelPath.Vector128
            : KernelPath.Scalar;
    }
}
