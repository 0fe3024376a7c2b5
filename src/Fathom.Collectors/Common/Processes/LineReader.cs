using System.Text;

namespace Fathom.Collectors.Common.Processes;

/// <summary>
/// Reads a child's output stream line by line on a dedicated thread (a blocking pipe read must not
/// hold a thread-pool thread); a line longer than <see cref="MaxLine"/> bytes is cut.
/// </summary>
internal static class LineReader
{
    public const int MaxLine = 64 * 1024;

    /// <summary>Calls <paramref name="onLine"/> with each line and its 1-based number until end of stream.</summary>
    public static Task Start(Stream stream, Action<string, int> onLine) =>
        Task.Factory.StartNew(() => Read(stream, onLine), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Read(Stream stream, Action<string, int> onLine)
    {
        var buffer = new byte[8192];
        var line = new List<byte>(256);
        var number = 0;
        int n;
        try
        {
            while ((n = stream.Read(buffer)) > 0)
            {
                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        onLine(Decode(line), ++number);
                        line.Clear();
                    }
                    else if (line.Count < MaxLine)
                    {
                        line.Add(buffer[i]);
                    }
                }
            }
        }
        catch (IOException)
        {
            // Our end was closed under us (the run was abandoned): treat as end of output.
        }
        catch (ObjectDisposedException)
        {
            // Same as above.
        }

        if (line.Count > 0)
        {
            onLine(Decode(line), ++number);
        }
    }

    private static string Decode(List<byte> line)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(line);
        if (span.Length > 0 && span[^1] == '\r')
        {
            span = span[..^1];
        }

        return Encoding.UTF8.GetString(span);
    }
}
