namespace Fathom.Daemon.Cli;

/// <summary>Parses fathomd's flags: --flag, --key=value and --key value (Getopt::Long style).</summary>
internal static class OptionParser
{
    public const string Usage = """
        Usage: fathomd [--verbose] [--help] [--config=FILE] [--piddir=DIR] [--pidfile=NAME]
                       [--logger=FILE] [--output=FILE] [--ignorepid] [--user=USER --group=GROUP]
                       [--foreground] [--check] [--dump] [--version]

          --config=FILE    configuration file (Config::General syntax); default /etc/fathom/fathom.conf
          --verbose        stay in the foreground and log debug messages to the terminal
          --foreground     stay in the foreground (log level info unless --verbose)
          --piddir=DIR     folder of the pid file (overrides pid_dir)
          --pidfile=NAME   name of the pid file (overrides pid_file)
          --ignorepid      do not take the pid file
          --logger=FILE    logging configuration file (see README: Logging)
          --output=FILE    append log lines to FILE
          --user=USER      drop privileges to USER after the pid file is taken (needs --group)
          --group=GROUP    drop privileges to GROUP (needs --user)
          --check          validate the configuration, print a summary, exit 0 (or 2 on errors)
          --dump           print the configuration's raw parse tree as JSON and exit
          --version        print the version and exit
          --help           print this help and exit

        Exit codes: 0 clean stop, 1 runtime failure, 2 usage or configuration error, 3 already running.
        """;

    private static readonly string[] ValueFlags = ["config", "piddir", "pidfile", "logger", "output", "user", "group"];

    private static readonly string[] Switches = ["verbose", "help", "h", "version", "foreground", "check", "dump", "ignorepid"];

    /// <summary>Returns the options, or throws <see cref="UsageException"/> naming the bad flag.</summary>
    public static DaemonOptions Parse(IReadOnlyList<string> args)
    {
        var o = new DaemonOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith('-') || arg is "-" or "--")
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }

            var body = arg.TrimStart('-');
            string? value = null;
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = body[(eq + 1)..];
                body = body[..eq];
            }

            var name = body.ToLowerInvariant();
            if (ValueFlags.Contains(name))
            {
                if (value is null)
                {
                    value = i + 1 < args.Count ? args[++i] : throw new UsageException($"--{name} needs a value");
                }

                if (value.Length == 0)
                {
                    throw new UsageException($"--{name} needs a value");
                }

                Assign(o, name, value);
                continue;
            }

            if (!Switches.Contains(name))
            {
                throw new UsageException($"unknown option '{arg}'");
            }

            if (value is not null)
            {
                throw new UsageException($"--{name} takes no value");
            }

            switch (name)
            {
                case "verbose": o.Verbose = true; break;
                case "help" or "h": o.Help = true; break;
                case "version": o.Version = true; break;
                case "foreground": o.Foreground = true; break;
                case "check": o.Check = true; break;
                case "dump": o.Dump = true; break;
                case "ignorepid": o.IgnorePid = true; break;
            }
        }

        if ((o.User is null) != (o.Group is null))
        {
            throw new UsageException("--user and --group go together: give both or neither");
        }

        return o;
    }

    private static void Assign(DaemonOptions o, string name, string value)
    {
        switch (name)
        {
            case "config": o.ConfigFile = value; break;
            case "piddir": o.PidDir = value; break;
            case "pidfile": o.PidFile = value; break;
            case "logger": o.LoggerFile = value; break;
            case "output": o.OutputFile = value; break;
            case "user": o.User = value; break;
            case "group": o.Group = value; break;
        }
    }
}
