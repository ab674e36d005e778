// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/Result.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <memory>
#include <optional>

namespace sd::test {

// What an asynchronous TokenStore call handed to its callback.
template <typename T> struct Answer
{
    std::optional<Result<T>> result; // empty when no answer came in time
    bool synchronous = false; // the callback ran before the call returned
    int calls = 0;
};

// Starts `call` with a callback and waits (with an event loop) for the answer. The state is shared
// with the callback, so a late answer after a timeout writes nowhere it should not.
template <typename T, typename Call> Answer<T> await(Call&& call, int timeoutMs = 20000)
{
    struct State
    {
        std::optional<Result<T>> result;
        int calls = 0;
    };
    auto state = std::make_shared<State>();
    call([state](Result<T> outcome) {
        ++state->calls;
        state->result.emplace(std::move(outcome));
    });
    Answer<T> answer;
    answer.synchronous = state->result.has_value();
    const bool answered = QTest::qWaitFor([&] { return state->result.has_value(); }, timeoutMs);
    Q_UNUSED(answered) // an empty result says so
    QTest::qWait(20); // a second, wrong call would show in `calls`
    answer.result = state->result;
    answer.calls = state->calls;
    return answer;
}

// Every regular file under `root` (hidden ones too, symbolic links not followed).
inline QStringList regularFiles(const QString& root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!it.fileInfo().isSymLink())
            files.append(path);
    }
    return files;
}

// The files under `root` whose bytes contain any of `needles`; `scanned` counts the files read.
inline QStringList filesContaining(const QString& root, const QList<QByteArray>& needles, int* scanned = nullptr)
{
    QStringList hits;
    int count = 0;
    for (const QString& path : regularFiles(root)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        ++count;
        const QByteArray bytes = file.readAll();
        for (const QByteArray& needle : needles) {
            if (bytes.contains(needle)) {
                hits.append(path);
                break;
            }
        }
    }
    if (scanned)
        *scanned = count;
    return hits;
}

// The forms a secret could take on disk: its bytes, base64 (as QtKeychain hands binary data to the
// Secret Service), and the first 16 bytes alone (a partial copy).
inline QList<QByteArray> secretForms(const QByteArray& secret)
{
    return {secret, secret.toBase64(), secret.left(16), secret.left(16).toBase64()};
}

} // namespace sd::test
