using Fathom.Api.Hosting;
using Fathom.Api.Problems;
using Fathom.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Endpoints;

/// <summary>
/// Runs one read with a pooled reader and turns failures into problems: a user's mistake is 400
/// (the read port reports bad input as an unusable-kind <see cref="ArchiveException"/>), an archive
/// that cannot be read now is 503. A reader that failed is closed, never pooled again.
/// </summary>
internal static class ArchiveAccess
{
    public static IResult Read<TState>(ApiContext api, TState state, Func<IArchiveReader, TState, int, IResult> read)
    {
        ReaderPool.Lease lease;
        try
        {
            lease = api.Readers.Borrow();
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
            lease.Reader.Dispose();
            return Problem.Make(StatusCodes.Status400BadRequest, "bad-request", "Bad request", e.Message, null);
        }
        catch (ArchiveException e)
        {
            lease.Reader.Dispose();
            return Problem.Unavailable($"the archive cannot be read now: {e.Message}");
        }
    }
}
