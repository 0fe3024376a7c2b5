using Microsoft.AspNetCore.Http;

namespace Fathom.Api.Endpoints;

/// <summary>A user's mistake in one query parameter: thrown while reading the request, answered as a problem naming it.</summary>
internal sealed class BadParameterException : Exception
{
    public BadParameterException()
    {
    }

    public BadParameterException(string message)
        : base(message)
    {
    }

    public BadParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BadParameterException(string parameter, string message, int status = StatusCodes.Status400BadRequest)
        : base(message)
    {
        Parameter = parameter;
        Status = status;
    }

    public string? Parameter { get; }

    public int Status { get; } = StatusCodes.Status400BadRequest;

    public IResult ToProblem() => Status == StatusCodes.Status404NotFound
        ? Problems.Problem.NotFound(Message, Parameter)
        : Problems.Problem.Make(Status, "bad-request", "Bad request", Message, Parameter);
}
