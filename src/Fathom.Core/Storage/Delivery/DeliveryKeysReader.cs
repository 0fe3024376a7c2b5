using Fathom.Core.Configuration;

namespace Fathom.Core.Storage.Delivery;

/// <summary>
/// Reads the delivery keys of an &lt;archive&gt; block (the same for every backend) and hands
/// the backend a copy of the block without them, so no backend needs to know them.
/// </summary>
internal static class DeliveryKeysReader
{
    public static readonly string[] Keys = ["name", "spool", "spool_dir", "spool_sync", "spool_max_bytes", "spool_full", "retry_policy"];

    public static (ConfigObject Remaining, DeliveryKeys Keys) Read(ConfigObject block, ConfigSectionContext context)
    {
        var rest = new ConfigObject(block.Location);
        var values = new Dictionary<string, ConfigScalar>(StringComparer.Ordinal);
        foreach (var (key, node) in block.Entries())
        {
            if (!Keys.Contains(key))
            {
                rest.Set(key, node);
            }
            else if (node is ConfigScalar { Value: not null } scalar)
            {
                values[key] = scalar;
            }
            else
            {
                context.Errors.Add(new ConfigException(node.Location, $"archive '{key}' takes one value"));
            }
        }

        string? name = null;
        if (values.TryGetValue("name", out var n))
        {
            if (TargetNames.IsValid(n.Value!))
            {
                name = n.Value;
            }
            else
            {
                Error(n, $"archive 'name' '{n.Value}' must be 1-80 letters, digits, '.', '_' or '-' (it names the spool's folder)");
            }
        }

        bool? spool = null;
        if (values.TryGetValue("spool", out var s))
        {
            if (ValueParsers.TryParseBool(s.Value!, out var b))
            {
                spool = b;
            }
            else
            {
                Error(s, $"archive 'spool' must be yes or no, not '{s.Value}'");
            }
        }

        string? dir = null;
        if (values.TryGetValue("spool_dir", out var d))
        {
            dir = Path.IsPathRooted(d.Value!) ? d.Value : Path.GetFullPath(Path.Combine(context.FolderOf(d), d.Value!));
        }

        TimeSpan? sync = null;
        if (values.TryGetValue("spool_sync", out var y) && !y.Value!.Trim().Equals("batch", StringComparison.OrdinalIgnoreCase))
        {
            if (ValueParsers.TryParseDuration(y.Value, out var interval) && interval > TimeSpan.Zero)
            {
                sync = interval;
            }
            else
            {
                Error(y, $"archive 'spool_sync' must be 'batch' or an interval like 1s, not '{y.Value}'");
            }
        }

        long? max = null;
        if (values.TryGetValue("spool_max_bytes", out var m))
        {
            if (ByteSizeText.TryParse(m.Value!, out var bytes) && bytes >= 64 * 1024)
            {
                max = bytes;
            }
            else
            {
                Error(m, $"archive 'spool_max_bytes' must be a size of at least 64K like 512M or 2G, not '{m.Value}'");
            }
        }

        SpoolFullMode? full = null;
        if (values.TryGetValue("spool_full", out var f))
        {
            switch (f.Value!.Trim().ToLowerInvariant())
            {
                case "drop":
                    full = SpoolFullMode.Drop;
                    break;
                case "block":
                    full = SpoolFullMode.Block;
                    break;
                default:
                    Error(f, $"archive 'spool_full' must be drop or block, not '{f.Value}'");
                    break;
            }
        }

        RetryPolicy? policy = null;
        if (values.TryGetValue("retry_policy", out var r))
        {
            if (RetryPolicy.TryParse(r.Value!, out var p, out var error))
            {
                policy = p;
            }
            else
            {
                Error(r, error);
            }
        }

        var keys = new DeliveryKeys(name, spool, dir, sync, max, full, policy) { NameLocation = n?.Location, SpoolDirLocation = d?.Location };
        return (rest, keys);

        void Error(ConfigScalar at, string message) => context.Errors.Add(new ConfigException(at.Location, message));
    }
}
