#include "core/domain/userdate.h"

#include <gtest/gtest.h>

using namespace quorum;

namespace {

struct ValidCase {
    const char *typed;
    QDate expected;
};

class UserDateValid : public ::testing::TestWithParam<ValidCase> {};

TEST_P(UserDateValid, ReadsExactlyTheDateTyped)
{
    const UserDate read = parseUserDate(QString::fromUtf8(GetParam().typed));
    EXPECT_EQ(read.date, GetParam().expected) << GetParam().typed << ": " << read.problem.toStdString();
    EXPECT_TRUE(read.problem.isEmpty()) << GetParam().typed;
    EXPECT_FALSE(read.empty);
}

INSTANTIATE_TEST_SUITE_P(
    Forms, UserDateValid,
    ::testing::Values(ValidCase{"2027-03-31", QDate(2027, 3, 31)}, ValidCase{"2029-06-30", QDate(2029, 6, 30)},
                      ValidCase{"31/03/2027", QDate(2027, 3, 31)}, ValidCase{"05/11/2026", QDate(2026, 11, 5)},
                      ValidCase{"5/1/2026", QDate(2026, 1, 5)}, ValidCase{"31 Mar 2027", QDate(2027, 3, 31)},
                      ValidCase{"31 mar 2027", QDate(2027, 3, 31)}, ValidCase{"31 March 2027", QDate(2027, 3, 31)},
                      ValidCase{"31-Mar-2027", QDate(2027, 3, 31)}, ValidCase{"1 Sept 2027", QDate(2027, 9, 1)},
                      ValidCase{"1 Sep 2027", QDate(2027, 9, 1)}, ValidCase{"2nd Feb 2027", QDate(2027, 2, 2)},
                      ValidCase{"31/03/27", QDate(2027, 3, 31)}, ValidCase{"31 Dec 99", QDate(2099, 12, 31)},
                      ValidCase{"29/02/2028", QDate(2028, 2, 29)}, ValidCase{"  31/03/2027\t", QDate(2027, 3, 31)},
                      ValidCase{"31  Mar   2027", QDate(2027, 3, 31)}));

class UserDateInvalid : public ::testing::TestWithParam<const char *> {};

TEST_P(UserDateInvalid, IsRefusedWithAMessageNeverWrapped)
{
    const UserDate read = parseUserDate(QString::fromUtf8(GetParam()));
    EXPECT_FALSE(read.date.isValid()) << GetParam() << " read as " << read.date.toString(Qt::ISODate).toStdString();
    EXPECT_FALSE(read.empty);
    EXPECT_FALSE(read.problem.isEmpty()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Impossible, UserDateInvalid,
                         ::testing::Values("2026-13-45", "2026-00-10", "2026-01-00", "31/02/2027", "29/02/2026",
                                           "03/31/2027", "32 Jan 2027", "31 Apr 2027", "31 Foo 2027", "2027/03/31",
                                           "31/03/202", "31.03.2027", "1899-12-31", "tomorrow", "20270331",
                                           "31 Mar 2027 12:00", "2027-03-31x"));

TEST(UserDate, BlankTextIsNoDate)
{
    for (const char *blank : {"", "   ", "\t"}) {
        const UserDate read = parseUserDate(QString::fromUtf8(blank));
        EXPECT_TRUE(read.empty) << '"' << blank << '"';
        EXPECT_FALSE(read.date.isValid());
        EXPECT_TRUE(read.problem.isEmpty());
    }
}

TEST(UserDate, MessagesSayWhatIsWrong)
{
    EXPECT_TRUE(parseUserDate(u"2026-13-45"_qs).problem.contains(u"no month 13"_qs));
    EXPECT_TRUE(parseUserDate(u"31/02/2027"_qs).problem.contains(u"February 2027 has 28 days"_qs));
    EXPECT_TRUE(parseUserDate(u"hello"_qs).problem.contains(u"31/03/2027"_qs));
}

TEST(UserDate, ShownInUkStyleAndReadBackUnchanged)
{
    EXPECT_EQ(formatUserDate(QDate(2027, 3, 31)), u"31 Mar 2027"_qs);
    EXPECT_EQ(formatUserDate(QDate(2026, 9, 5)), u"5 Sep 2026"_qs);
    EXPECT_TRUE(formatUserDate(QDate()).isEmpty());
    for (QDate day(2028, 1, 1); day.year() == 2028; day = day.addDays(1))
        ASSERT_EQ(parseUserDate(formatUserDate(day)).date, day) << day.toString(Qt::ISODate).toStdString();
}

} // namespace
