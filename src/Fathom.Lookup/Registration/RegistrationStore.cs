using Fathom.Core.Storage;

namespace Fathom.Lookup.Registration;

/// <summary>
/// The registrar's part of the archive's state: <c>lookup/client-uuid</c>, and one
/// <c>lookup/record/SERVER KEY</c> per registered record. A store that fails (the archive is busy
/// or gone) is logged by the caller; registration goes on from memory.
/// </summary>
internal sealed class RegistrationStore(IArchiveState state)
{
    private const string Prefix = "lookup/record/";
    private const string ClientUuidName = "lookup/client-uuid";

    /// <summary>The client-uuid, made once and kept.</summary>
    public string ClientUuid()
    {
        if (state.Get(ClientUuidName) is { Length: > 0 } kept)
        {
            return kept;
        }

        var made = Guid.NewGuid().ToString();
        state.Set(ClientUuidName, made);
        return made;
    }

    /// <summary>The records remembered for <paramref name="server"/>, by key.</summary>
    public Dictionary<string, RegistrationEntry> Load(Uri server)
    {
        var prefix = Name(server, "");
        var entries = new Dictionary<string, RegistrationEntry>(StringComparer.Ordinal);
        foreach (var (name, value) in state.List(prefix))
        {
            if (RegistrationEntry.Parse(value) is { } entry)
            {
                entries[name[prefix.Length..]] = entry;
            }
        }

        return entries;
    }

    public void Save(Uri server, string key, RegistrationEntry? entry) => state.Set(Name(server, key), entry?.Format());

    private static string Name(Uri server, string key) => $"{Prefix}{server.AbsoluteUri} {key}";
}
