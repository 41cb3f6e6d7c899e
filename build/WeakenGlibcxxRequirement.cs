// MSBuild task: marks the GLIBCXX_3.4.32 version requirement of libLibTorchSharp.so weak.
//
// Why: TorchSharp 0.107.0's libLibTorchSharp.so was linked against GCC 13's libstdc++ and so
// requires the version node GLIBCXX_3.4.32, which Debian 12 / Ubuntu 22.04 (GCC 12, up to
// 3.4.30) lack; the loader then refuses the library and TorchSharp throws DllNotFoundException.
// The only symbol bound to that node is std::ios_base_library_init(), which no relocation uses.
// Setting VER_FLG_WEAK on the requirement (an Elf64_Vernaux record in .gnu.version_r) makes
// glibc's loader accept a libstdc++ that lacks the node. Where the system has 3.4.32 the flag
// changes nothing. Remove this task (build/TorchSharpGlibcxx.targets) once TorchSharp ships a
// library built against an older libstdc++.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenGlibcxxRequirement : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();
    public string VersionName { get; set; } = "GLIBCXX_3.4.32";

    public override bool Execute()
    {
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            try
            {
                var outcome = Patch(path, VersionName);
                Log.LogMessage(MessageImportance.Normal, $"{path}: {outcome}");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"{path}: cannot weaken {VersionName}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Returns what was done; throws InvalidDataException for a file that is not ELF64 little-endian.</summary>
    public static string Patch(string path, string versionName)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a little-endian ELF64 file");

        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int s = 0; s < shnum; s++)
        {
            int sh = checked((int)shoff + s * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            int offset = checked((int)BitConverter.ToUInt64(elf, sh + 0x18));
            int link = (int)BitConverter.ToUInt32(elf, sh + 0x28);
            int strtab = checked((int)BitConverter.ToUInt64(elf, (int)shoff + link * shentsize + 0x18));
            return WeakenIn(path, elf, offset, strtab, versionName);
        }
        return "no .gnu.version_r section; nothing to do";
    }

    static string WeakenIn(string path, byte[] elf, int verneed, int strtab, string versionName)
    {
        int need = verneed;
        while (true)
        {
            int count = BitConverter.ToUInt16(elf, need + 2);
            int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
            for (int a = 0; a < count; a++)
            {
                int flagsAt = aux + 4;
                int name = strtab + (int)BitConverter.ToUInt32(elf, aux + 8);
                if (CString(elf, name) == versionName)
                {
                    ushort flags = BitConverter.ToUInt16(elf, flagsAt);
                    if ((flags & VerFlgWeak) != 0) return $"{versionName} already weak";
                    using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                    {
                        file.Position = flagsAt;
                        file.Write(BitConverter.GetBytes((ushort)(flags | VerFlgWeak)), 0, 2);
                    }
                    return $"{versionName} marked weak";
                }
                aux += (int)BitConverter.ToUInt32(elf, aux + 12);
            }
            uint next = BitConverter.ToUInt32(elf, need + 12);
            if (next == 0) return $"{versionName} not required; nothing to do";
            need += (int)next;
        }
    }

    static string CString(byte[] bytes, int at)
    {
        int end = Array.IndexOf(bytes, (byte)0, at);
        return Encoding.ASCII.GetString(bytes, at, end - at);
    }
}
