#include "core/workspaces/request_workspace.h"

#include <gtest/gtest.h>

#include "core/routing/policy_routing.h"
#include "core/workspaces/workspace_service.h"

namespace gateos::kernel::core {
namespace {

WorkspaceSnapshot snapshotOf(std::initializer_list<WorkspaceView> views) {
  std::map<std::string, WorkspaceView, std::less<>> map;
  for (const auto& v : views) map[v.name] = v;
  return WorkspaceSnapshot(std::move(map));
}

TEST(RequestWorkspaceTest, PathPrefixIsTakenOffTheRoute) {
  std::string path = "/w/team-a/v1/chat/completions";
  EXPECT_EQ(takeWorkspacePrefix(path), "team-a");
  EXPECT_EQ(path, "/v1/chat/completions");
  std::string plain = "/v1/messages";
  EXPECT_EQ(takeWorkspacePrefix(plain), "");
  EXPECT_EQ(plain, "/v1/messages");
  std::string bare = "/w/x";
  EXPECT_EQ(takeWorkspacePrefix(bare), "x");
  EXPECT_EQ(bare, "/");
  std::string empty = "/w//v1/models";
  EXPECT_EQ(takeWorkspacePrefix(empty), "");
  EXPECT_EQ(empty, "/w//v1/models");
}

TEST(RequestWorkspaceTest, HeaderThenPrefixThenKey) {
  auto ws = snapshotOf({{"default", {}}, {"a", {}}, {"b", {}}, {"c", {}}});
  EXPECT_EQ(resolveRequestWorkspace("a", "b", "c", ws).value(), "a");
  EXPECT_EQ(resolveRequestWorkspace("", "b", "c", ws).value(), "b");
  EXPECT_EQ(resolveRequestWorkspace("", "", "c", ws).value(), "c");
  EXPECT_EQ(resolveRequestWorkspace("", "", "", ws).value(), "default");
}

TEST(RequestWorkspaceTest, UnknownWorkspaceNamesItsSource) {
  auto ws = snapshotOf({{"default", {}}});
  auto r = resolveRequestWorkspace("", "nope", "default", ws);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), sdk::StatusCode::kNotFound);
  EXPECT_EQ(r.status().reason(), "workspace_not_found");
  EXPECT_NE(r.status().message().find("unknown workspace 'nope' (from the /w/<name>/ path prefix)"), std::string::npos);
}

TEST(RequestWorkspaceTest, WorkspaceOrderAndSwitches) {
  WorkspaceView view{"team", {{"stages.c", true}, {"stages.a", false}}};
  std::vector<std::string> stages{"stages.a", "stages.b", "stages.c", "stages.d"};
  applyWorkspaceOrder(&view, stages, [](const std::string& s) -> const std::string& { return s; });
  EXPECT_EQ(stages, (std::vector<std::string>{"stages.c", "stages.b", "stages.d"}));
  std::vector<std::string> untouched{"stages.a", "stages.b"};
  applyWorkspaceOrder(nullptr, untouched, [](const std::string& s) -> const std::string& { return s; });
  EXPECT_EQ(untouched.size(), 2u);
}

TEST(RequestWorkspaceTest, WorkspaceNames) {
  EXPECT_TRUE(WorkspaceService::validName("team-a_1"));
  EXPECT_FALSE(WorkspaceService::validName(""));
  EXPECT_FALSE(WorkspaceService::validName("-x"));
  EXPECT_FALSE(WorkspaceService::validName("Team"));
  EXPECT_FALSE(WorkspaceService::validName("a/b"));
  EXPECT_FALSE(WorkspaceService::validName(std::string(64, 'a')));
}

TEST(PolicyRoutingTest, RouteHeaderDropsControlCharacters) {
  sdk::RouteDecision d{"up/py", "py\r\nx-evil: 1", "filetype=python"};
  EXPECT_EQ(routeHeaderValue(d), "rule=pyx-evil: 1; filetype=python; model=up/py");
}

}  // namespace
}  // namespace gateos::kernel::core
