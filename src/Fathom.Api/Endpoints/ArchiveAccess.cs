using Fathom.Api.Hosting;
using Fathom.Api.Problems;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Endpoints;

/// <summary>
/// Runs one read with a pooled reader (waiting for a turn when all are busy) and turns failures
/// into problems: a user's mistake is 400 (the read port reports bad input as an unusable-kind
/// <see cref="ArchiveException"/>), an archive that cannot be read now is 503. A reader that
/// failed is closed, never pooled again.
/// </summary>
internal static class ArchiveAccess
{
    public static async Task<IResult> ReadAsync<TState>(HttpContext http, ApiContext api, TState state, Func<IArchiveReader, TState, int, IResult> read)
    {
        ReaderPool.Lease lease;
        try
        {
            lease = await api.Readers.BorrowAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (ArchiveException e)
        {
            return Problem.Unavailable($"the archive cannot be read now: {e.Message}");
        }

        try
        {
            var result = read(lease.Reader, state, api.Settings.MaxPoints);
            lease.Dispose();
            return result;
        }
        catch (BadParameterException e)
        {
            lease.Dispose();
            return e.ToProblem();
        }
        catch (ArchiveException e) when (e.Kind == ArchiveErrorKind.Unusable)
        {
            lease.Discard();
            return Problem.Make(StatusCodes.Status400BadRequest, "bad-request", "Bad request", e.Message, null);
        }
        catch (ArchiveException e)
        {
            lease.Discard();
            return Problem.Unavailable($"the archive cannot be read now: {e.Message}");
        }
        catch
        {
            lease.Discard();
            throw;
        }
    }
}
