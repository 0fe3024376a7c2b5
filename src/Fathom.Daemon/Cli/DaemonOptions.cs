namespace Fathom.Daemon.Cli;

/// <summary>fathomd's command-line flags, as perfsonar-collector.pl's synopsis has them plus our own.</summary>
internal sealed class DaemonOptions
{
    public bool Verbose { get; set; }

    public bool Help { get; set; }

    public bool Version { get; set; }

    public bool Foreground { get; set; }

    public bool Check { get; set; }

    public bool Dump { get; set; }

    public bool IgnorePid { get; set; }

    public string? ConfigFile { get; set; }

    public string? PidDir { get; set; }

    public string? PidFile { get; set; }

    public string? LoggerFile { get; set; }

    public string? OutputFile { get; set; }

    public string? User { get; set; }

    public string? Group { get; set; }

    /// <summary>Stays in the terminal's session: --verbose or --foreground.</summary>
    public bool Attached => Verbose || Foreground;
}
