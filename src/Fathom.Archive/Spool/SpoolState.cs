namespace Fathom.Archive.Spool;

/// <summary>
/// What the state file keeps: the stream id, the acknowledgement watermark, the sequence reserved
/// up to (no sequence at or below it is handed out after a reopen, so none is ever reused even when
/// a torn tail or deleted segments hid the highest one), and the drop counters since creation.
/// </summary>
internal sealed class SpoolState
{
    public Guid StreamId { get; init; }

    public long Acknowledged { get; set; }

    public long Reserved { get; set; }

    public long DroppedBatches { get; set; }

    public long DroppedMeasurements { get; set; }
}
