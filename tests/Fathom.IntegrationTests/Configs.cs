using System.Text;

namespace Fathom.IntegrationTests;

/// <summary>Writes small configurations for the daemon tests.</summary>
internal static class Configs
{
    /// <summary>A config with a pid file and archive in <paramref name="dir"/> and the given collector blocks.</summary>
    public static string Write(TempDir dir, params string[] collectorBlocks) => WriteNamed(dir, "fathom.conf", collectorBlocks);

    public static string WriteNamed(TempDir dir, string name, params string[] collectorBlocks)
    {
        var sb = new StringBuilder();
        sb.AppendLine("collection_interval 1");
        sb.AppendLine($"pid_dir {dir.Path}");
        sb.AppendLine("shutdown_timeout 5");
        sb.AppendLine("<archive>");
        sb.AppendLine("    type sqlite");
        sb.AppendLine($"    path {dir.File("archive.db")}");
        sb.AppendLine("</archive>");
        foreach (var b in collectorBlocks)
        {
            sb.AppendLine(b);
        }

        return dir.Write(name, sb.ToString());
    }

    /// <summary>A noop collector that emits noop.value every <paramref name="interval"/>.</summary>
    public static string Noop(string id, string interval = "0.2", string isolation = "thread", string extra = "") => $"""
        <collector {id}>
            module noop
            emit yes
            collection_interval {interval}
            isolation {isolation}
            {extra}
        </collector>
        """;
}
