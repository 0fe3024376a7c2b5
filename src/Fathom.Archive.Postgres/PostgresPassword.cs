using Fathom.Core.Storage;

namespace Fathom.Archive.Postgres;

/// <summary>
/// Where the password comes from: the first line of password_file, else FATHOM_ARCHIVE_PASSWORD,
/// else PGPASSWORD, else none (trust or peer authentication). Read at each connect, so a
/// rotated file is picked up; never logged.
/// </summary>
internal static class PostgresPassword
{
    public const string Variable = "FATHOM_ARCHIVE_PASSWORD";
    public const string LibpqVariable = "PGPASSWORD";

    public static string? Resolve(PostgresArchiveSettings settings)
    {
        if (settings.PasswordFile is { } file)
        {
            if (FileProblem(file) is { } problem)
            {
                throw new ArchiveException(ArchiveErrorKind.Unusable, $"cannot connect to PostgreSQL archive {settings.Target}: {problem}");
            }

            using var reader = new StreamReader(file);
            return reader.ReadLine() ?? "";
        }

        return Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromFathom ? fromFathom
            : Environment.GetEnvironmentVariable(LibpqVariable) is { Length: > 0 } fromLibpq ? fromLibpq
            : null;
    }

    /// <summary>Why the password file cannot be read (missing, a folder, unreadable); null when it can.</summary>
    public static string? FileProblem(string file)
    {
        try
        {
            if (Directory.Exists(file))
            {
                return $"archive password_file {file} is a folder";
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return null;
        }
        catch (FileNotFoundException)
        {
            return $"archive password_file {file} does not exist";
        }
        catch (DirectoryNotFoundException)
        {
            return $"archive password_file {file} does not exist";
        }
        catch (UnauthorizedAccessException)
        {
            return $"archive password_file {file} is not readable";
        }
        catch (IOException e)
        {
            return $"archive password_file {file} cannot be read: {e.Message}";
        }
    }
}
