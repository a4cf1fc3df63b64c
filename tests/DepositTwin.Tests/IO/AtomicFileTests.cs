using DepositTwin.IO;

namespace DepositTwin.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void A_failing_writer_leaves_the_target_and_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.txt");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
        {
            w.Write("half of the new content");
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_complete_write_replaces_the_target()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.txt");
        File.WriteAllText(path, "old");
        AtomicFile.WriteText(path, w => w.Write("new"));
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void A_missing_folder_is_named()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "nope", "out.txt");
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteText(path, w => w.Write("x")));
        Assert.Contains("nope", e.Message);
    }
}
