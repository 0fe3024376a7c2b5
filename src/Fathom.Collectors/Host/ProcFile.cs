using Microsoft.Win32.SafeHandles;

namespace Fathom.Collectors.Host;

/// <summary>
/// One /proc (or fixture) file read whole into a reused buffer each run. A failure is reported
/// once, not every second, until the file reads again.
/// </summary>
internal sealed class ProcFile(string path)
{
    private byte[] _buffer = new byte[4096];
    private bool _failing;

    public string Path { get; } = path;

    /// <summary>The file's content, or false (reported through <paramref name="report"/>) when it cannot be read.</summary>
    public bool TryRead(Action<string> report, out ReadOnlySpan<byte> content)
    {
        try
        {
            using var handle = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var length = ReadAll(handle);
            content = _buffer.AsSpan(0, length);
            _failing = false;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!_failing)
            {
                report($"cannot read {Path}: {e.Message}");
                _failing = true;
            }

            content = default;
            return false;
        }
    }

    private int ReadAll(SafeFileHandle handle)
    {
        var total = 0;
        while (true)
        {
            if (total == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var n = RandomAccess.Read(handle, _buffer.AsSpan(total), total);
            if (n == 0)
            {
                return total;
            }

            total += n;
        }
    }
}
