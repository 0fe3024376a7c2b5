using Fathom.Core.Processes;

namespace Fathom.Collectors.Tests.Processes;

/// <summary>Mutable test-side builder for <see cref="SpawnOptions"/>.</summary>
internal sealed class SpawnOptionsBuilder
{
    public IReadOnlyList<string> Arguments { get; set; } = [];

    public StdioMode Stdin { get; set; } = StdioMode.Null;

    public StdioMode Stdout { get; set; } = StdioMode.Null;

    public StdioMode Stderr { get; set; } = StdioMode.Inherit;

    public string? WorkingDirectory { get; set; }

    public IReadOnlyList<string>? Environment { get; set; }

    public bool NewProcessGroup { get; set; }

    public IReadOnlyList<ExtraPipe> Extra { get; set; } = [];

    public SpawnOptions Build(string executable) => new()
    {
        Executable = executable,
        Arguments = Arguments,
        StandardInput = Stdin,
        StandardOutput = Stdout,
        StandardError = Stderr,
        WorkingDirectory = WorkingDirectory,
        Environment = Environment ?? SpawnOptions.CurrentEnvironment(),
        NewProcessGroup = NewProcessGroup,
        ExtraPipes = Extra,
    };
}
