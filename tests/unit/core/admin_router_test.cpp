#include "core/admin/admin_router.h"

#include <gtest/gtest.h>

namespace gateos::kernel::core {
namespace {

AdminReply tagged(const char* tag) { return AdminReply::json(sdk::Json{{"route", tag}}); }

AdminRouter exampleRouter() {
  AdminRouter router;
  router.add("GET", "providers", [](const AdminRequest&) { return tagged("list"); });
  router.add("GET", "providers/{name}", [](const AdminRequest&) { return tagged("get"); });
  router.add("DELETE", "providers/{name}", [](const AdminRequest&) { return tagged("delete"); });
  router.add("GET", "providers/defaults", [](const AdminRequest&) { return tagged("defaults"); });
  router.add("POST", "providers/{name}/test", [](const AdminRequest&) { return tagged("test"); });
  router.add("GET", "files/{*}", [](const AdminRequest&) { return tagged("files"); });
  return router;
}

std::string routeOf(const AdminRouter& router, std::string_view method, std::string_view path,
                    std::vector<std::string>* params = nullptr) {
  auto match = router.match(method, path);
  if (!match) return "404";
  if (!match->handler) return "405";
  if (params) *params = match->params;
  return (*match->handler)(AdminRequest{}).body["route"].get<std::string>();
}

TEST(AdminRouter, MatchesLiteralAndCapturedSegments) {
  auto router = exampleRouter();
  std::vector<std::string> params;
  EXPECT_EQ(routeOf(router, "GET", "/providers"), "list");
  EXPECT_EQ(routeOf(router, "GET", "/providers/openai", &params), "get");
  EXPECT_EQ(params, std::vector<std::string>{"openai"});
  EXPECT_EQ(routeOf(router, "POST", "/providers/openai/test", &params), "test");
  EXPECT_EQ(params, std::vector<std::string>{"openai"});
}

TEST(AdminRouter, LiteralBeatsCaptureWhateverTheOrder) {
  auto router = exampleRouter();
  EXPECT_EQ(routeOf(router, "GET", "/providers/defaults"), "defaults");
}

TEST(AdminRouter, DistinguishesUnknownPathFromWrongMethod) {
  auto router = exampleRouter();
  EXPECT_EQ(routeOf(router, "GET", "/nothing"), "404");
  EXPECT_EQ(routeOf(router, "GET", "/providers/a/b/c"), "404");
  EXPECT_EQ(routeOf(router, "PATCH", "/providers/openai"), "405");
}

TEST(AdminRouter, PercentDecodesCapturesAndRestCapture) {
  auto router = exampleRouter();
  std::vector<std::string> params;
  EXPECT_EQ(routeOf(router, "GET", "/providers/my%20provider", &params), "get");
  EXPECT_EQ(params, std::vector<std::string>{"my provider"});
  EXPECT_EQ(routeOf(router, "GET", "/files/a/b%2Fc/d.txt", &params), "files");
  EXPECT_EQ(params, std::vector<std::string>{"a/b/c/d.txt"});
}

TEST(AdminRouter, RejectsRestCaptureThatIsNotLast) {
  AdminRouter router;
  EXPECT_THROW(router.add("GET", "a/{*}/b", [](const AdminRequest&) { return AdminReply::noContent(); }),
               std::invalid_argument);
}

TEST(AdminRequest, ReadsQueryParametersAndBodyStrings) {
  AdminRequest request;
  request.query = "kind=aws%20key&since=10&flag&q=a+b";
  EXPECT_EQ(request.queryParam("kind"), "aws key");
  EXPECT_EQ(request.queryParam("since"), "10");
  EXPECT_EQ(request.queryParam("flag"), "");
  EXPECT_EQ(request.queryParam("q"), "a b");
  EXPECT_FALSE(request.queryParam("missing").has_value());
  request.body = sdk::Json{{"name", "x"}, {"n", 1}};
  EXPECT_EQ(request.bodyString("name"), "x");
  EXPECT_EQ(request.bodyString("n"), "");
  EXPECT_EQ(request.bodyString("absent"), "");
}

TEST(AdminReply, MapsStatusesToHttpAndErrorTypes) {
  auto notFound = AdminReply::from(sdk::Status(sdk::StatusCode::kNotFound, "no such provider"));
  EXPECT_EQ(notFound.status, 404);
  EXPECT_EQ(notFound.body["error"]["type"], "not_found");
  EXPECT_EQ(notFound.body["error"]["message"], "no such provider");
  EXPECT_EQ(AdminReply::from(sdk::Status::ok()).status, 204);
  EXPECT_EQ(AdminReply::from(sdk::Result<sdk::Json>(sdk::Json{{"a", 1}}), 201).status, 201);
}

}  // namespace
}  // namespace gateos::kernel::core
