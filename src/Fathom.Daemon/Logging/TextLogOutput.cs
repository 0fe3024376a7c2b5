using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Logging;

/// <summary>Lines to a text stream (stderr or an appended file), flushed per line, serialised by a lock.</summary>
internal sealed class TextLogOutput(TextWriter writer, bool ownsWriter) : ILogOutput
{
    private readonly object _gate = new();

    public static TextLogOutput AppendToFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return new TextLogOutput(new StreamWriter(stream) { AutoFlush = true }, ownsWriter: true);
    }

    public void WriteLine(string line, LogLevel level)
    {
        lock (_gate)
        {
            try
            {
                writer.WriteLine(line);
                writer.Flush();
            }
            catch (IOException)
            {
                // A closed terminal or a full disk must not take the daemon down with it.
            }
        }
    }

    public void Dispose()
    {
        if (ownsWriter)
        {
            lock (_gate)
            {
                writer.Dispose();
            }
        }
    }
}
