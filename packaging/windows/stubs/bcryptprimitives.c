/* Stand-in for Windows 10's bcryptprimitives.dll, which Wine 8 lacks.
 *
 * Rust extensions (pydantic_core, used by SQLModel) get their random numbers from
 * ProcessPrng; without it they fail to load. This fills the buffer from RtlGenRandom
 * (advapi32's SystemFunction036), which Wine has. Test harness only: never shipped.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
