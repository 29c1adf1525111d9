#include <gtest/gtest.h>

#include "core/ui/admin_auth.h"
#include "core/ui/admin_sessions.h"
#include "security/crypto.h"

namespace gateos::kernel::core::ui {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  AdminSessions::Clock::time_point now{};
  AdminSessions::Now fn() {
    return [this] { return now; };
  }
};

TEST(AdminSessionsTest, CreatedSessionIsFoundWithItsCsrfToken) {
  ASSERT_TRUE(security::initSodium());
  AdminSessions sessions;
  auto s = sessions.create();
  EXPECT_TRUE(s.id.starts_with("gses_"));
  EXPECT_TRUE(s.csrf.starts_with("gcsrf_"));
  EXPECT_NE(s.id, s.csrf);
  auto csrf = sessions.touch(s.id);
  ASSERT_TRUE(csrf);
  EXPECT_EQ(*csrf, s.csrf);
  EXPECT_FALSE(sessions.touch("gses_unknown"));
  EXPECT_FALSE(sessions.touch(""));
}

TEST(AdminSessionsTest, EachSessionIsDifferent) {
  AdminSessions sessions;
  auto a = sessions.create();
  auto b = sessions.create();
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrf, b.csrf);
  EXPECT_EQ(sessions.size(), 2u);
}

TEST(AdminSessionsTest, DestroyEndsTheSession) {
  AdminSessions sessions;
  auto s = sessions.create();
  EXPECT_TRUE(sessions.destroy(s.id));
  EXPECT_FALSE(sessions.touch(s.id));
  EXPECT_FALSE(sessions.destroy(s.id));
}

TEST(AdminSessionsTest, IdleSessionsExpireAndUseKeepsThemAlive) {
  FakeClock clock;
  AdminSessions sessions({.idleTimeout = 10min, .lifetime = 1h, .maxSessions = 8}, clock.fn());
  auto s = sessions.create();
  clock.now += 9min;
  EXPECT_TRUE(sessions.touch(s.id));
  clock.now += 9min;  // 18 min after sign-in, 9 after last use
  EXPECT_TRUE(sessions.touch(s.id));
  clock.now += 10min;
  EXPECT_FALSE(sessions.touch(s.id));
}

TEST(AdminSessionsTest, LifetimeCapsEvenAnActiveSession) {
  FakeClock clock;
  AdminSessions sessions({.idleTimeout = 10min, .lifetime = 30min, .maxSessions = 8}, clock.fn());
  auto s = sessions.create();
  for (int i = 0; i < 5; ++i) {
    clock.now += 5min;
    EXPECT_TRUE(sessions.touch(s.id));
  }
  clock.now += 5min;  // 30 min after sign-in
  EXPECT_FALSE(sessions.touch(s.id));
}

TEST(AdminSessionsTest, OldestSessionGoesWhenFull) {
  FakeClock clock;
  AdminSessions sessions({.idleTimeout = 1h, .lifetime = 2h, .maxSessions = 2}, clock.fn());
  auto a = sessions.create();
  clock.now += 1s;
  auto b = sessions.create();
  clock.now += 1s;
  auto c = sessions.create();
  EXPECT_FALSE(sessions.touch(a.id));
  EXPECT_TRUE(sessions.touch(b.id));
  EXPECT_TRUE(sessions.touch(c.id));
}

TEST(CookieValueTest, FindsTheNamedCookie) {
  EXPECT_EQ(cookieValue("gateos_session=abc", "gateos_session"), "abc");
  EXPECT_EQ(cookieValue("a=1; gateos_session=abc; b=2", "gateos_session"), "abc");
  EXPECT_EQ(cookieValue("a=1;gateos_session=\"abc\"", "gateos_session"), "abc");
  EXPECT_EQ(cookieValue("xgateos_session=abc", "gateos_session"), "");
  EXPECT_EQ(cookieValue("gateos_session_old=1", "gateos_session"), "");
  EXPECT_EQ(cookieValue("", "gateos_session"), "");
  EXPECT_EQ(cookieValue("novalue; =x", "gateos_session"), "");
}

class AdminAuthTest : public ::testing::Test {
 protected:
  AdminSessions sessions_;
  AdminAuth auth_{[](std::string_view t) { return t == "gadm_right"; }, sessions_};

  sdk::Headers withCookie(const std::string& id) {
    sdk::Headers h;
    h.add("cookie", "theme=dark; gateos_session=" + id);
    h.add("host", "127.0.0.1:8080");
    return h;
  }
};

TEST_F(AdminAuthTest, BearerTokenAllowsEveryMethod) {
  sdk::Headers h;
  h.add("authorization", "Bearer gadm_right");
  EXPECT_TRUE(auth_.authorize("GET", h));
  EXPECT_TRUE(auth_.authorize("DELETE", h));
  sdk::Headers x;
  x.add("x-admin-token", "gadm_right");
  EXPECT_TRUE(auth_.authorize("POST", x));
}

TEST_F(AdminAuthTest, WrongBearerFailsEvenWithAValidSession) {
  auto s = sessions_.create();
  auto h = withCookie(s.id);
  h.add("authorization", "Bearer gadm_wrong");
  h.add("x-csrf-token", s.csrf);
  auto status = auth_.authorize("GET", h);
  EXPECT_EQ(status.code(), sdk::StatusCode::kUnauthenticated);
}

TEST_F(AdminAuthTest, NoCredentialIsUnauthenticated) {
  auto status = auth_.authorize("GET", sdk::Headers{});
  EXPECT_EQ(status.code(), sdk::StatusCode::kUnauthenticated);
  EXPECT_NE(status.message().find("sign in"), std::string::npos);
}

TEST_F(AdminAuthTest, SessionCookieAllowsReadsWithoutCsrf) {
  auto s = sessions_.create();
  EXPECT_TRUE(auth_.authorize("GET", withCookie(s.id)));
  EXPECT_TRUE(auth_.authorize("HEAD", withCookie(s.id)));
}

TEST_F(AdminAuthTest, ChangesWithASessionNeedTheMatchingCsrfHeader) {
  auto s = sessions_.create();
  for (const char* method : {"POST", "PUT", "PATCH", "DELETE"}) {
    auto none = auth_.authorize(method, withCookie(s.id));
    EXPECT_EQ(none.code(), sdk::StatusCode::kPermissionDenied) << method;
    auto wrong = withCookie(s.id);
    wrong.add("x-csrf-token", "gcsrf_wrong");
    EXPECT_EQ(auth_.authorize(method, wrong).code(), sdk::StatusCode::kPermissionDenied) << method;
    auto right = withCookie(s.id);
    right.add("x-csrf-token", s.csrf);
    EXPECT_TRUE(auth_.authorize(method, right)) << method;
  }
}

TEST_F(AdminAuthTest, AnotherSessionsCsrfTokenDoesNotWork) {
  auto a = sessions_.create();
  auto b = sessions_.create();
  auto h = withCookie(a.id);
  h.add("x-csrf-token", b.csrf);
  EXPECT_EQ(auth_.authorize("POST", h).code(), sdk::StatusCode::kPermissionDenied);
}

TEST_F(AdminAuthTest, CrossOriginChangesAreRefused) {
  auto s = sessions_.create();
  auto h = withCookie(s.id);
  h.add("x-csrf-token", s.csrf);
  h.add("origin", "http://evil.example");
  EXPECT_EQ(auth_.authorize("POST", h).code(), sdk::StatusCode::kPermissionDenied);
  auto same = withCookie(s.id);
  same.add("x-csrf-token", s.csrf);
  same.add("origin", "http://127.0.0.1:8080");
  EXPECT_TRUE(auth_.authorize("POST", same));
}

TEST_F(AdminAuthTest, SignedOutSessionIsUnauthenticated) {
  auto s = sessions_.create();
  sessions_.destroy(s.id);
  EXPECT_EQ(auth_.authorize("GET", withCookie(s.id)).code(), sdk::StatusCode::kUnauthenticated);
}

TEST_F(AdminAuthTest, OnlySignInIsPublic) {
  EXPECT_TRUE(AdminAuth::isPublic("POST", "/session"));
  EXPECT_FALSE(AdminAuth::isPublic("GET", "/session"));
  EXPECT_FALSE(AdminAuth::isPublic("DELETE", "/session"));
  EXPECT_FALSE(AdminAuth::isPublic("POST", "/providers"));
}

}  // namespace
}  // namespace gateos::kernel::core::ui
