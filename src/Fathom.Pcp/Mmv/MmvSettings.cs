namespace Fathom.Pcp.Mmv;

/// <summary>
/// The &lt;mmv&gt; block: whether and where the daemon publishes its metrics as a PCP MMV file.
/// Dir null means the default: $PCP_TMP_DIR/mmv, else /var/lib/pcp/tmp/mmv when it exists.
/// </summary>
public sealed record MmvSettings(bool Enabled, string Name, string? Dir)
{
    public static MmvSettings Default { get; } = new(true, "fathom", null);

    /// <summary>The folder to write to, or null when none is configured and PCP's is absent.</summary>
    public string? ResolveDir(Func<string, string?> environment, Func<string, bool> directoryExists)
    {
        if (Dir is not null)
        {
            return Dir;
        }

        if (environment("PCP_TMP_DIR") is { Length: > 0 } tmp)
        {
            return Path.Combine(tmp, "mmv");
        }

        return directoryExists("/var/lib/pcp/tmp/mmv") ? "/var/lib/pcp/tmp/mmv" : null;
    }
}
