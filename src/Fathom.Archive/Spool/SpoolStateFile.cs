using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Fathom.Archive.Spool;

/// <summary>
/// The state file, text ("key value" lines), replaced atomically: written to a temporary file,
/// fsynced, renamed over the old one, and the folder fsynced.
/// </summary>
internal static class SpoolStateFile
{
    public const string FileName = "spool.state";
    private const string Header = "fathom-spool 1";

    public static SpoolState? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != Header)
        {
            throw new SpoolException($"{path}:1: not a spool state file (expected \"{Header}\")");
        }

        Guid? stream = null;
        long ack = 0, reserved = 0, dropped = 0, droppedM = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split(' ', 2);
            if (parts.Length != 2)
            {
                throw new SpoolException($"{path}:{i + 1}: expected \"key value\", got \"{lines[i]}\"");
            }

            switch (parts[0])
            {
                case "stream" when Guid.TryParse(parts[1], out var g):
                    stream = g;
                    break;
                case "acknowledged":
                    ack = Number(path, i, parts[1]);
                    break;
                case "reserved":
                    reserved = Number(path, i, parts[1]);
                    break;
                case "dropped_batches":
                    dropped = Number(path, i, parts[1]);
                    break;
                case "dropped_measurements":
                    droppedM = Number(path, i, parts[1]);
                    break;
                default:
                    throw new SpoolException($"{path}:{i + 1}: unknown or bad line \"{lines[i]}\"");
            }
        }

        return stream is { } s
            ? new SpoolState { StreamId = s, Acknowledged = ack, Reserved = Math.Max(reserved, ack), DroppedBatches = dropped, DroppedMeasurements = droppedM }
            : throw new SpoolException($"{path}: no stream line");
    }

    public static void Write(string folder, SpoolState state)
    {
        var path = Path.Combine(folder, FileName);
        var temp = path + ".tmp";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Header}\nstream {state.StreamId:D}\nacknowledged {state.Acknowledged}\nreserved {state.Reserved}\ndropped_batches {state.DroppedBatches}\ndropped_measurements {state.DroppedMeasurements}\n");
        using (SafeFileHandle h = File.OpenHandle(temp, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(h, Encoding.ASCII.GetBytes(text), 0);
            RandomAccess.FlushToDisk(h);
        }

        File.Move(temp, path, overwrite: true);
        SpoolFiles.SyncFolder(folder);
    }

    private static long Number(string path, int i, string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new SpoolException($"{path}:{i + 1}: \"{text}\" is not a number");
}
