#pragma once

#include "core/interchange/sheet.h"
namespace quorum {

/**
 * Reads one worksheet of an XLSX workbook for import, with minizip for the zip container and
 * QXmlStreamReader for the parts: the workbook and its relationships (to find the sheet by name or
 * position), the shared strings (rich text runs joined) and the worksheet's cells (shared and inline
 * strings, numbers, booleans, cached formula results). Dates stay serial numbers in the cells; the
 * importer turns them into dates for the columns that hold dates. Sizes are checked before anything is
 * unpacked, so a small file that would expand enormously is refused.
 */
class WorkbookReader {
public:
    /** Largest part of the workbook unpacked (a worksheet or the shared strings): 200 MB. */
    static constexpr qint64 kMaxPartBytes = 200LL * 1024 * 1024;

    /** The worksheets' names in workbook order. Throws Error for a file that is not an XLSX workbook. */
    static QStringList sheetNames(const QString &path);

    /**
     * The worksheet called @p sheetName (case-insensitive), or the first one when it is empty. The
     * header is the first row with a value. Throws Error (InvalidInput) naming the file and the problem.
     */
    static ReadTable read(const QString &path, const QString &sheetName = {});

    /** A date from a spreadsheet serial number (days since 1899-12-30, or since 1904-01-01). */
    static QDate dateFromSerial(double serial, bool date1904 = false);
};

} // namespace quorum
