namespace Fathom.Cli.Tests;

/// <summary>influxd ended before it answered /ping.</summary>
internal sealed class InfluxdExitedException(string message) : Exception(message);
