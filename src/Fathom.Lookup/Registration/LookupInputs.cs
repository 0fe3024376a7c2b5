namespace Fathom.Lookup.Registration;

/// <summary>What the daemon tells the record builder about itself: its collectors, archive and API.</summary>
public sealed record LookupInputs
{
    /// <summary>Each configured collector (a service record each).</summary>
    public IReadOnlyList<CollectorEntry> Collectors { get; init; } = [];

    /// <summary>The archive's type ("sqlite") and a description of where it is; null type when there is none.</summary>
    public string? ArchiveType { get; init; }

    /// <summary>Where the archive is, as a locator (a file path for sqlite).</summary>
    public string? ArchiveLocation { get; init; }

    /// <summary>The API's base URLs (http[s]://HOST:PORT/), the bound ports; empty when the API is off.</summary>
    public IReadOnlyList<string> ApiLocators { get; init; } = [];

    /// <summary>fathomd's version, for service-version.</summary>
    public string Version { get; init; } = "";
}

/// <summary>One collector as a service record sees it.</summary>
public sealed record CollectorEntry(string Id, string Module, IReadOnlyList<string> Targets);
