namespace Fathom.Core.Storage;

/// <summary>A batch's name for idempotent delivery: its stream (a spool's id) and its sequence there (from 1, increasing by 1).</summary>
/// <param name="Stream">The delivery stream: one spool of one agent for one target.</param>
/// <param name="Sequence">The batch's place in the stream.</param>
public readonly record struct BatchId(Guid Stream, long Sequence);
