namespace Fathom.Api.Hosting;

/// <summary>The answer to "run collector X now".</summary>
public enum RunNowResult
{
    /// <summary>A run was started (or queued to start as soon as the current one ends).</summary>
    Started,

    /// <summary>No collector has that id.</summary>
    Unknown,

    /// <summary>A run is in progress already; runs never stack.</summary>
    Busy,

    /// <summary>The collector is stopped or restarting and cannot run now.</summary>
    Unavailable,
}
