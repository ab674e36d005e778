// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/SqlScript.h"

#include <QFile>
#include <QTest>

using sd::SqlScript;

class TestSqlScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void split_data();
    void split();
    void errors_data();
    void errors();
    void positions();
    void builtInMigrations_data();
    void builtInMigrations();
};

namespace {

constexpr auto sqlite = SqlScript::Dialect::Sqlite;
constexpr auto postgresql = SqlScript::Dialect::Postgresql;

QStringList texts(const QList<SqlScript::Statement>& statements)
{
    QStringList result;
    for (const auto& statement : statements)
        result.append(statement.text);
    return result;
}

} // namespace

void TestSqlScript::split_data()
{
    QTest::addColumn<SqlScript::Dialect>("dialect");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("statements");

    const auto s = [](const char* text) { return QString::fromUtf8(text); };
    QTest::newRow("empty") << sqlite << QString() << QStringList();
    QTest::newRow("only whitespace and comments")
        << sqlite << s("  \n-- nothing\n/* still\nnothing */ ;; ;\n") << QStringList();
    QTest::newRow("one without semicolon") << sqlite << s("SELECT 1") << QStringList{s("SELECT 1")};
    QTest::newRow("two") << sqlite << s("SELECT 1;\nSELECT 2;\n") << QStringList{s("SELECT 1"), s("SELECT 2")};
    QTest::newRow("trailing comment kept inside") << sqlite << s("SELECT 1 -- one; not a split\n;SELECT 2")
                                                  << QStringList{s("SELECT 1 -- one; not a split"), s("SELECT 2")};
    QTest::newRow("leading comment dropped")
        << sqlite << s("-- header\n/* block; */\nCREATE TABLE t (a INT);") << QStringList{s("CREATE TABLE t (a INT)")};
    QTest::newRow("semicolon in string") << sqlite << s("INSERT INTO t VALUES ('a;b');SELECT 2")
                                         << QStringList{s("INSERT INTO t VALUES ('a;b')"), s("SELECT 2")};
    QTest::newRow("doubled quote in string")
        << sqlite << s("SELECT 'it''s; fine';SELECT 2") << QStringList{s("SELECT 'it''s; fine'"), s("SELECT 2")};
    QTest::newRow("comment markers in string")
        << sqlite << s("SELECT '-- no /* no';SELECT 2") << QStringList{s("SELECT '-- no /* no'"), s("SELECT 2")};
    QTest::newRow("quoted identifier") << sqlite << s("SELECT \"a;\"\"b\" FROM t;SELECT 2")
                                       << QStringList{s("SELECT \"a;\"\"b\" FROM t"), s("SELECT 2")};
    QTest::newRow("sqlite brackets and backquotes") << sqlite << s("SELECT [a;b], `c;``d` FROM t;SELECT 2")
                                                    << QStringList{s("SELECT [a;b], `c;``d` FROM t"), s("SELECT 2")};
    QTest::newRow("sqlite comment does not nest")
        << sqlite << s("/* a /* b */ SELECT 1;") << QStringList{s("SELECT 1")};
    QTest::newRow("sqlite trigger")
        << sqlite
        << s("CREATE TRIGGER t BEFORE DELETE ON x\nBEGIN\n  SELECT RAISE(ABORT, 'no');\n  SELECT 1;\nEND;\nSELECT 2;")
        << QStringList{s("CREATE TRIGGER t BEFORE DELETE ON x\nBEGIN\n  SELECT RAISE(ABORT, 'no');\n  SELECT 1;\nEND"),
                       s("SELECT 2")};
    QTest::newRow("sqlite temp trigger with case and when")
        << sqlite
        << s("create temp trigger if not exists t after update on x when case when new.a then 1 end begin "
             "update y set b = case when new.a > 1 then 'x;' else 'y' end; end; select 3")
        << QStringList{s("create temp trigger if not exists t after update on x when case when new.a then 1 end begin "
                         "update y set b = case when new.a > 1 then 'x;' else 'y' end; end"),
                       s("select 3")};
    QTest::newRow("sqlite begin transaction is not a block")
        << sqlite << s("BEGIN; INSERT INTO t VALUES (1); END;")
        << QStringList{s("BEGIN"), s("INSERT INTO t VALUES (1)"), s("END")};
    QTest::newRow("sqlite identifier containing trigger")
        << sqlite << s("CREATE TABLE trigger_log (a INT); SELECT begin_at FROM t;")
        << QStringList{s("CREATE TABLE trigger_log (a INT)"), s("SELECT begin_at FROM t")};
    QTest::newRow("postgresql dollar quotes")
        << postgresql << s("CREATE FUNCTION f() RETURNS int AS $$ BEGIN; RETURN 1; END; $$ LANGUAGE plpgsql;SELECT 2")
        << QStringList{s("CREATE FUNCTION f() RETURNS int AS $$ BEGIN; RETURN 1; END; $$ LANGUAGE plpgsql"),
                       s("SELECT 2")};
    QTest::newRow("postgresql tagged dollar quotes with $$ inside")
        << postgresql << s("SELECT $body$ a; $$ b; $bod$ $body$;SELECT 2")
        << QStringList{s("SELECT $body$ a; $$ b; $bod$ $body$"), s("SELECT 2")};
    QTest::newRow("postgresql parameters are not quotes") << postgresql << s("SELECT $1, a$b$ FROM t;SELECT 2")
                                                          << QStringList{s("SELECT $1, a$b$ FROM t"), s("SELECT 2")};
    QTest::newRow("postgresql nested comments")
        << postgresql << s("/* a /* b; */ c; */ SELECT 1;") << QStringList{s("SELECT 1")};
    QTest::newRow("postgresql escape string")
        << postgresql << s("SELECT E'a\\'; b';SELECT 2") << QStringList{s("SELECT E'a\\'; b'"), s("SELECT 2")};
    QTest::newRow("postgresql standard string keeps backslash")
        << postgresql << s("SELECT 'a\\';SELECT 2") << QStringList{s("SELECT 'a\\'"), s("SELECT 2")};
    QTest::newRow("postgresql begin atomic")
        << postgresql
        << s("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 END; "
             "SELECT 2; END;SELECT 3")
        << QStringList{s("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 "
                         "THEN 1 END; SELECT 2; END"),
                       s("SELECT 3")};
    QTest::newRow("postgresql trigger has no body")
        << postgresql << s("CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f(); SELECT 2")
        << QStringList{s("CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f()"), s("SELECT 2")};
    QTest::newRow("unicode") << sqlite << s("INSERT INTO t VALUES ('Zürich; 東京');")
                             << QStringList{s("INSERT INTO t VALUES ('Zürich; 東京')")};
}

void TestSqlScript::split()
{
    QFETCH(SqlScript::Dialect, dialect);
    QFETCH(QString, script);
    QFETCH(QStringList, statements);

    const auto result = SqlScript::split(script, dialect);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
    QCOMPARE(texts(*result), statements);
}

void TestSqlScript::errors_data()
{
    QTest::addColumn<SqlScript::Dialect>("dialect");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("message");

    const auto s = [](const char* text) { return QString::fromUtf8(text); };
    QTest::newRow("string") << sqlite << s("SELECT 1;\nSELECT 'abc")
                            << s("Unterminated string starting at line 2, column 8.");
    QTest::newRow("string ending in doubled quote")
        << sqlite << s("SELECT 'a''") << s("Unterminated string starting at line 1, column 8.");
    QTest::newRow("quoted identifier") << sqlite << s("\n\n  SELECT \"abc")
                                       << s("Unterminated quoted identifier starting at line 3, column 10.");
    QTest::newRow("bracket") << sqlite << s("SELECT [abc")
                             << s("Unterminated [identifier] starting at line 1, column 8.");
    QTest::newRow("block comment") << sqlite << s("SELECT 1; /* open")
                                   << s("Unterminated /* comment starting at line 1, column 11.");
    QTest::newRow("nested block comment")
        << postgresql << s("/* a /* b */") << s("Unterminated /* comment starting at line 1, column 1.");
    QTest::newRow("dollar quote") << postgresql << s("SELECT 1;\nCREATE FUNCTION f() AS $fn$ body $$;")
                                  << s("Unterminated dollar-quoted string $fn$ starting at line 2, column 24.");
    QTest::newRow("escape string") << postgresql << s("SELECT E'abc\\'")
                                   << s("Unterminated string starting at line 1, column 9.");
    QTest::newRow("trigger without end") << sqlite << s("CREATE TRIGGER t AFTER INSERT ON x\nBEGIN\n SELECT 1;")
                                         << s("The block opened by BEGIN at line 2, column 1 has no matching END.");
    QTest::newRow("begin atomic without end")
        << postgresql << s("CREATE PROCEDURE p() BEGIN ATOMIC SELECT 1;")
        << s("The block opened by BEGIN ATOMIC at line 1, column 22 has no matching END.");
}

void TestSqlScript::errors()
{
    QFETCH(SqlScript::Dialect, dialect);
    QFETCH(QString, script);
    QFETCH(QString, message);

    const auto result = SqlScript::split(script, dialect);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message(), message);
}

void TestSqlScript::positions()
{
    const auto result = SqlScript::split(u"-- header\n\n  SELECT 1; SELECT\n2;\n", sqlite);
    QVERIFY(result.ok());
    QCOMPARE(result->size(), 2);
    QCOMPARE(result->at(0), (SqlScript::Statement{QStringLiteral("SELECT 1"), 3, 3}));
    QCOMPARE(result->at(1), (SqlScript::Statement{QStringLiteral("SELECT\n2"), 3, 13}));
}

void TestSqlScript::builtInMigrations_data()
{
    QTest::addColumn<SqlScript::Dialect>("dialect");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("count");

    QTest::newRow("sqlite") << sqlite << QStringLiteral(":/migrations/sqlite/0001_init.sql") << 7;
    QTest::newRow("postgresql") << postgresql << QStringLiteral(":/migrations/postgresql/0001_init.sql") << 9;
}

void TestSqlScript::builtInMigrations()
{
    QFETCH(SqlScript::Dialect, dialect);
    QFETCH(QString, path);
    QFETCH(int, count);

    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const auto result = SqlScript::split(QString::fromUtf8(file.readAll()), dialect);
    QVERIFY(result.ok());
    QCOMPARE(result->size(), count);
    for (const auto& statement : *result)
        QVERIFY(!statement.text.endsWith(u';'));
}

QTEST_GUILESS_MAIN(TestSqlScript)
#include "tst_sqlscript.moc"
