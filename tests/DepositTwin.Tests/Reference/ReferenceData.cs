using System.Globalization;

namespace DepositTwin.Tests.Reference;

/// <summary>Reads the published reference results in ../shared/reference (beside the repository).</summary>
public static class ReferenceData
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "DepositTwin.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No DepositTwin.sln above {AppContext.BaseDirectory}.");
    }

    public static string File(params string[] parts)
    {
        string path = Path.GetFullPath(Path.Combine([RepositoryRoot, "..", "shared", "reference", .. parts]));
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException($"Reference file {path} is missing: the tests need ../shared/reference beside the repository.");
    }

    /// <summary>A CSV as rows of named fields (quotes stripped; "NA" kept as text).</summary>
    public static List<Dictionary<string, string>> Csv(params string[] parts)
    {
        string[] lines = System.IO.File.ReadAllLines(File(parts));
        string[] header = Split(lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            string[] f = Split(l);
            return header.Select((h, i) => (h, f[i])).ToDictionary(p => p.h, p => p.Item2);
        }).ToList();
    }

    public static double Number(this Dictionary<string, string> row, string name) =>
        double.Parse(row[name], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string[] Split(string line) => line.Split(',').Select(f => f.Trim('"')).ToArray();
}
