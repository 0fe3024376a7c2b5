namespace Fathom.Archive.Tests.Spool;

/// <summary>A model run that disagreed, with the operations that led there.</summary>
internal sealed class ModelFailure(string message, Exception inner) : Exception(message, inner);
