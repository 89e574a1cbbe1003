/* Stand-in for Windows 10's system ICU (icuuc.dll), which Wine 8 lacks.
 *
 * Qt 6's Qt6Core.dll imports these 20 converter functions from it and will not load
 * without them. ucnv_open fails with U_FILE_ACCESS_ERROR, so Qt reports every codec
 * beyond UTF-8/UTF-16/Latin-1 as unavailable; the rest are never reached and do nothing.
 * Test harness only: never shipped. winpython.sh checks that Qt6Core imports no other name.
 */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err != NULL && *err <= 0)
        *err = U_FILE_ACCESS_ERROR;
    return NULL;
}

EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT int ucnv_getMaxCharSize(void) { return 0; }
EXPORT const char *ucnv_getName(void) { return NULL; }
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT int ucnv_toUCountPending(void) { return 0; }
EXPORT int ucnv_fromUCountPending(void) { return 0; }
EXPORT const char *ucnv_getStandardName(void) { return NULL; }
EXPORT const char *ucnv_getAvailableName(void) { return NULL; }
EXPORT int ucnv_countAvailable(void) { return 0; }
