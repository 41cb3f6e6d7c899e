namespace Kwta.Model.IO;

/// <summary>
/// Holds a folder for one process: a lock file inside it opened with <see cref="FileShare.None"/> (an advisory
/// <c>flock</c> on Unix), held until disposed. The OS releases it when the process dies, so a killed run never
/// leaves the folder locked; the file itself stays (deleting it would let two processes lock two different files).
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    public const string FileName = ".kwta.lock";

    readonly FileStream file;

    RunFolderLock(FileStream file) => this.file = file;

    public static RunFolderLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            return new RunFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e.HResult is SharingViolation or LockHeldLinux or LockHeldMacOs)
        {
            throw new IOException($"{directory} is in use by another kwta process (it holds {FileName}); wait for it to finish or use another folder.", e);
        }
    }

    /// <summary>What .NET reports as the HResult when the lock is held: ERROR_SHARING_VIOLATION on Windows, flock's
    /// errno EWOULDBLOCK on Unix (11 on Linux, 35 on macOS); any other failure to open the file is reported as it is.</summary>
    const int SharingViolation = unchecked((int)0x80070020), LockHeldLinux = 11, LockHeldMacOs = 35;

    public void Dispose() => file.Dispose();
}
