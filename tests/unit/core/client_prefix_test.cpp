#include "core/integrations/client_prefix.h"

#include <gtest/gtest.h>

namespace gateos::kernel::core::integrations {
namespace {

TEST(ClientPrefixTest, TakesTheClientSegmentOffThePath) {
  std::string path = "/c/continue/v1/chat/completions";
  EXPECT_EQ(takeClientPrefix(path), "continue");
  EXPECT_EQ(path, "/v1/chat/completions");
  std::string plain = "/v1/chat/completions";
  EXPECT_EQ(takeClientPrefix(plain), "");
  EXPECT_EQ(plain, "/v1/chat/completions");
  std::string empty = "/c//v1/x";
  EXPECT_EQ(takeClientPrefix(empty), "");
  EXPECT_EQ(empty, "/c//v1/x");
}

TEST(ClientPrefixTest, FindsTheClientInARawTargetWithOrWithoutWorkspace) {
  EXPECT_EQ(clientPrefixOf("/c/aider/v1/chat/completions?x=/c/no/"), "aider");
  EXPECT_EQ(clientPrefixOf("/w/team/c/aider/v1/chat/completions"), "aider");
  EXPECT_EQ(clientPrefixOf("/v1/chat/completions"), "");
  EXPECT_EQ(clientPrefixOf("/w/team/v1/chat/completions"), "");
}

}  // namespace
}  // namespace gateos::kernel::core::integrations
