namespace Fathom.Lookup.Server.Protocol;

/// <summary>A request the server refuses: its status and a one-line reason (sent as text/plain).</summary>
internal sealed record BadRequest(int Status, string Reason)
{
    public static BadRequest Invalid(string reason) => new(400, reason);
}
