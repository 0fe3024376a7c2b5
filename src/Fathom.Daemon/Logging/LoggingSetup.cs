using Fathom.Daemon.Cli;
using Microsoft.Extensions.Logging;

namespace Fathom.Daemon.Logging;

/// <summary>Builds the logger factory from the flags: terminal, --output file, --logger file, syslog.</summary>
internal static class LoggingSetup
{
    public static ILoggerFactory Create(DaemonOptions options, bool detached, TimeProvider time)
    {
        var settings = options.LoggerFile is { } file ? LogConfigReader.Read(file) : new LogSettings();
        if (options.Verbose && options.LoggerFile is null)
        {
            settings.Level = LogLevel.Debug;
        }

        var outputs = new List<ILogOutput>();
        if (options.OutputFile is { } output)
        {
            outputs.Add(TextLogOutput.AppendToFile(output));
        }

        switch (settings.Output)
        {
            case null:
                break;
            case "stderr":
                outputs.Add(new TextLogOutput(Console.Error, ownsWriter: false));
                break;
            case "stdout":
                outputs.Add(new TextLogOutput(Console.Out, ownsWriter: false));
                break;
            case "syslog":
                if (SyslogOutput.TryOpen() is { } sys)
                {
                    outputs.Add(sys);
                }

                break;
            case "none":
                break;
            default:
                outputs.Add(TextLogOutput.AppendToFile(settings.Output));
                break;
        }

        var terminalAlready = settings.Output is "stderr" or "stdout";
        if (!detached && !terminalAlready && (options.Attached || outputs.Count == 0))
        {
            outputs.Add(new TextLogOutput(Console.Error, ownsWriter: false));
        }
        else if (detached && outputs.Count == 0 && settings.Output is null && SyslogOutput.TryOpen() is { } sys)
        {
            outputs.Add(sys);
        }

        return Build(new LineLoggerProvider(settings, outputs, time), settings.Level);
    }

    private static ILoggerFactory Build(ILoggerProvider provider, LogLevel level) =>
        LoggerFactory.Create(b => b.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(provider));
}
