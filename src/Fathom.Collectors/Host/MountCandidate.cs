namespace Fathom.Collectors.Host;

/// <summary>A mountinfo line that passed the filters, competing with others of the same device.</summary>
internal readonly record struct MountCandidate(MountEntry Entry, ulong Device, int RootLength, bool SourceHasSlash)
{
    /// <summary>df's rule for two mounts of one device: a real device path, then the mount nearest the root, wins.</summary>
    public bool Beats(MountCandidate old)
    {
        var nearerRoot = old.Entry.Name.Length > Entry.Name.Length;
        var sourceBelowRoot = old.RootLength < RootLength;
        return (SourceHasSlash && !old.SourceHasSlash) || (nearerRoot && !sourceBelowRoot);
    }
}
