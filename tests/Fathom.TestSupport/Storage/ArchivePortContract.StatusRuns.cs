using Fathom.Core.Measurements;
using Fathom.Core.Storage;

namespace Fathom.TestSupport.Storage;

public abstract partial class ArchivePortContract
{
    /// <summary>A status observation naming the previous one of its run (0: the run's first).</summary>
    protected static Measurement Observed(string element, long timeNs, string oper, string? admin, long previousNs) =>
        Measurement.Of(new StatusRecord(element, timeNs, oper, admin) { PreviousUnixNs = previousNs });

    [Fact]
    public async Task Port_Status_ConsecutiveObservationsExtendAndANewRunOpensARangeForTheSameState()
    {
        var options = Options();
        using (var first = OpenWriter(options))
        {
            await WriteAsync(first, [Observed("eth0", T0, "up", "normaloperation", 0), Observed("eth0", T0 + (10 * Second), "up", "normaloperation", T0)]);
            await WriteAsync(first, [Observed("eth0", T0 + (20 * Second), "up", "normaloperation", T0 + (10 * Second))]);
        }

        // The writer restarts too: what it knows of the newest range comes back from the archive.
        using (var second = OpenWriter(options))
        {
            // A late observation of the first run (replayed from a spool) still continues its range.
            await WriteAsync(second, [Observed("eth0", T0 + (30 * Second), "up", "normaloperation", T0 + (20 * Second))]);

            // The collector restarted: the same state opens a range, the gap is not claimed.
            await WriteAsync(second, [Observed("eth0", T0 + (60 * Second), "up", "normaloperation", 0), Observed("eth0", T0 + (70 * Second), "up", "normaloperation", T0 + (60 * Second))]);

            // An observation whose predecessor never arrived (lost or refused) does not bridge the hole either.
            await WriteAsync(second, [Observed("eth0", T0 + (90 * Second), "up", "normaloperation", T0 + (80 * Second))]);

            // A repeat of the newest observation adds nothing; a record without a previous time (an older version's) extends by state.
            await WriteAsync(second, [Observed("eth0", T0 + (90 * Second), "up", "normaloperation", T0 + (70 * Second)), Status("eth0", T0 + (100 * Second), "up", "normaloperation")]);

            // A change on a consecutive poll opens a range; oper and admin each count.
            await WriteAsync(second, [
                Observed("eth0", T0 + (110 * Second), "down", "normaloperation", T0 + (100 * Second)),
                Observed("eth0", T0 + (120 * Second), "down", "maintenance", T0 + (110 * Second)),
                Observed("eth0", T0 + (130 * Second), "down", "maintenance", T0 + (120 * Second)),
            ]);
        }

        using var reader = OpenReader(options);
        Assert.Equal(
            [
                new StatusRange("eth0", T0, T0 + (30 * Second), "up", "normaloperation"),
                new StatusRange("eth0", T0 + (60 * Second), T0 + (70 * Second), "up", "normaloperation"),
                new StatusRange("eth0", T0 + (90 * Second), T0 + (100 * Second), "up", "normaloperation"),
                new StatusRange("eth0", T0 + (110 * Second), T0 + (110 * Second), "down", "normaloperation"),
                new StatusRange("eth0", T0 + (120 * Second), T0 + (130 * Second), "down", "maintenance"),
            ],
            reader.ListStatus("eth0"));
    }

    [Fact]
    public async Task Port_Status_FirstObservationOfARunWithinOneWriter_OpensARange()
    {
        using var reader = await StoreAsync(
            [Observed("a", T0, "up", null, 0), Observed("a", T0 + Second, "up", null, T0), Observed("a", T0 + (5 * Second), "up", null, 0)]);

        Assert.Equal(
            [new StatusRange("a", T0, T0 + Second, "up", null), new StatusRange("a", T0 + (5 * Second), T0 + (5 * Second), "up", null)],
            reader.ListStatus("a"));
    }
}
