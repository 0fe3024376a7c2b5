namespace Fathom.Archive;

/// <summary>Reads one schema version's points for <see cref="ArchiveReader"/>.</summary>
internal interface IPointSource : IDisposable
{
    /// <summary>Called at the start of each read transaction, so sources may cache per snapshot.</summary>
    void BeginSnapshot();

    void ReadRange(long seriesId, long fromNs, long toNs, List<TimePoint> into);

    (long Count, long? First, long? Last) Stats(long seriesId);
}
