// SPDX-License-Identifier: GPL-3.0-or-later
#include "auth/JsonWebKey.h"

#include "auth/Base64Url.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace sd {

namespace {

struct ParamBuildDeleter
{
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamDeleter
{
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BignumDeleter
{
    void operator()(BIGNUM* b) const { BN_free(b); }
};
struct ContextDeleter
{
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

Result<QByteArray> member(const QJsonObject& jwk, const char* name)
{
    const QString text = jwk.value(QLatin1String(name)).toString();
    if (text.isEmpty())
        return Error(QStringLiteral("it has no \"%1\"").arg(QLatin1String(name)));
    auto bytes = Base64Url::decode(text.toLatin1());
    if (!bytes)
        return Error(QStringLiteral("its \"%1\": %2").arg(QLatin1String(name), bytes.error().message()));
    return *bytes;
}

std::shared_ptr<EVP_PKEY> fromData(const char* type, OSSL_PARAM_BLD* build)
{
    std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(build));
    std::unique_ptr<EVP_PKEY_CTX, ContextDeleter> context(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) <= 0
        || EVP_PKEY_fromdata(context.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        return {};
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

Result<std::shared_ptr<EVP_PKEY>> rsaKey(const QJsonObject& jwk)
{
    auto n = member(jwk, "n");
    if (!n)
        return n.error();
    auto e = member(jwk, "e");
    if (!e)
        return e.error();
    if (n->size() < 256)
        return Error(QStringLiteral("its RSA modulus has %1 bits; at least 2048 are required").arg(n->size() * 8));
    std::unique_ptr<BIGNUM, BignumDeleter> modulus(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(n->constData()), int(n->size()), nullptr));
    std::unique_ptr<BIGNUM, BignumDeleter> exponent(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(e->constData()), int(e->size()), nullptr));
    std::unique_ptr<OSSL_PARAM_BLD, ParamBuildDeleter> build(OSSL_PARAM_BLD_new());
    if (!modulus || !exponent || !build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get())
        || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()))
        return Error(QStringLiteral("its RSA numbers could not be read"));
    auto key = fromData("RSA", build.get());
    if (!key)
        return Error(QStringLiteral("OpenSSL refused its RSA numbers"));
    return key;
}

Result<std::shared_ptr<EVP_PKEY>> ecKey(const QJsonObject& jwk)
{
    if (jwk.value(QLatin1String("crv")).toString() != QLatin1String("P-256"))
        return Error(QStringLiteral("its curve \"%1\" is not supported (P-256 is)")
                         .arg(jwk.value(QLatin1String("crv")).toString()));
    auto x = member(jwk, "x");
    if (!x)
        return x.error();
    auto y = member(jwk, "y");
    if (!y)
        return y.error();
    if (x->size() != 32 || y->size() != 32)
        return Error(QStringLiteral("its P-256 coordinates are not 32 bytes each"));
    const QByteArray point = QByteArray(1, '\x04') + *x + *y; // uncompressed SEC1 point
    std::unique_ptr<OSSL_PARAM_BLD, ParamBuildDeleter> build(OSSL_PARAM_BLD_new());
    if (!build || !OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0)
        || !OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                             size_t(point.size())))
        return Error(QStringLiteral("its EC point could not be read"));
    auto key = fromData("EC", build.get());
    if (!key)
        return Error(QStringLiteral("OpenSSL refused its EC point (not on the curve?)"));
    return key;
}

} // namespace

Result<JsonWebKey> JsonWebKey::fromJson(const QJsonObject& jwk)
{
    JsonWebKey key;
    key.m_keyId = jwk.value(QLatin1String("kid")).toString();
    key.m_algorithm = jwk.value(QLatin1String("alg")).toString();
    const QString where = key.m_keyId.isEmpty() ? QStringLiteral("a key without \"kid\"")
                                                : QStringLiteral("key \"%1\"").arg(key.m_keyId);
    const QString use = jwk.value(QLatin1String("use")).toString();
    if (!use.isEmpty() && use != QLatin1String("sig"))
        return Error(QStringLiteral("%1 is not a signing key (use \"%2\")").arg(where, use));
    if (jwk.contains(QLatin1String("d")))
        return Error(QStringLiteral("%1 contains a private key; a JWKS must publish public keys only").arg(where));
    const QString kty = jwk.value(QLatin1String("kty")).toString();
    Result<std::shared_ptr<EVP_PKEY>> made = Error(QString());
    if (kty == QLatin1String("RSA")) {
        key.m_type = Type::Rsa;
        made = rsaKey(jwk);
    } else if (kty == QLatin1String("EC")) {
        key.m_type = Type::EcP256;
        made = ecKey(jwk);
    } else {
        return Error(QStringLiteral("%1 has key type \"%2\", which is not accepted (RSA and EC are)").arg(where, kty));
    }
    if (!made)
        return made.error().withContext(where);
    key.m_key = std::move(made.value());
    return key;
}

} // namespace sd
