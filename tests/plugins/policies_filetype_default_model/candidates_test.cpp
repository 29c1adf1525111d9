#include "file_candidates.h"

#include <gtest/gtest.h>

#include "languages.h"

namespace gateos::plugins::policies::filetype_default_model {
namespace {

sdk::ChatRequest userSays(std::string text) {
  sdk::ChatRequest request;
  sdk::Message m;
  m.role = sdk::Role::kUser;
  m.content.push_back(sdk::ContentBlock::makeText(std::move(text)));
  request.messages.push_back(std::move(m));
  return request;
}

std::vector<std::string> paths(const std::vector<FileCandidate>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.path.empty() ? "<" + f.language + ">" : f.path);
  return out;
}

TEST(LanguagesTest, PathsAndFenceNamesMapToCanonicalLanguages) {
  EXPECT_EQ(languageOfPath("src/app.py"), "python");
  EXPECT_EQ(languageOfPath("README.MD"), "markdown");
  EXPECT_EQ(languageOfPath("deploy/Dockerfile"), "dockerfile");
  EXPECT_EQ(languageOfPath("notes"), "");
  std::string buffer;
  EXPECT_EQ(canonicalLanguage("Py", buffer), "python");
  EXPECT_EQ(canonicalLanguage("python3", buffer), "python");
  EXPECT_EQ(canonicalLanguage("tsx", buffer), "typescript");
  EXPECT_EQ(canonicalLanguage("COBOL", buffer), "cobol");
}

TEST(CandidatesTest, EditedFileComesFirstThenPromptThenClientFiles) {
  sdk::RequestContext context;
  context.client.files.push_back({"docs/notes.md", "", false});
  context.client.files.push_back({"src/app.py", "", true});
  auto request = userSays("please look at\n```js\nlet x;\n```\nand main.go");
  auto files = collectCandidates(context, &request);
  ASSERT_GE(files.size(), 4u);
  EXPECT_EQ(paths(files), (std::vector<std::string>{"src/app.py", "docs/notes.md", "<javascript>", "main.go"}));
  EXPECT_EQ(files[0].source, CandidateSource::kEditedFile);
  EXPECT_EQ(files[0].language, "python");
}

TEST(CandidatesTest, ToolCallPathsBeatCodeBlocksAndMentions) {
  sdk::ChatRequest request = userSays("what does README.md say?");
  sdk::Message assistant;
  assistant.role = sdk::Role::kAssistant;
  sdk::ContentBlock call;
  call.type = sdk::ContentBlock::Type::kToolCall;
  call.toolName = "read_file";
  call.arguments = R"({"file_path":"src/server.ts"})";
  assistant.content.push_back(call);
  request.messages.insert(request.messages.begin(), assistant);
  auto files = collectCandidates({}, &request);
  EXPECT_EQ(paths(files), (std::vector<std::string>{"src/server.ts", "README.md"}));
  EXPECT_EQ(files[0].source, CandidateSource::kToolCall);
  EXPECT_EQ(files[1].source, CandidateSource::kMention);
}

TEST(CandidatesTest, FenceInfoStringsWithPaths) {
  auto request = userSays("```python src/app.py\nx=1\n```\n```rust:lib.rs\nfn a(){}\n```\n```Makefile\nall:\n```\n");
  auto files = collectCandidates({}, &request);
  // newest (last) block first
  EXPECT_EQ(paths(files), (std::vector<std::string>{"Makefile", "lib.rs", "src/app.py"}));
  EXPECT_EQ(files[1].language, "rust");
  EXPECT_EQ(files[2].language, "python");
}

TEST(CandidatesTest, AutocompleteByFimMarkersWithPathHeader) {
  auto request = userSays("<|fim_prefix|># Path: src/util.py\ndef f():\n<|fim_suffix|>\n<|fim_middle|>");
  EXPECT_TRUE(isAutocomplete({}, &request));
  auto files = collectCandidates({}, &request);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files[0].path, "src/util.py");
  EXPECT_EQ(files[0].source, CandidateSource::kPromptHeader);
  EXPECT_FALSE(isAutocomplete({}, nullptr));
  sdk::RequestContext context;
  context.client.kind = sdk::RequestKind::kAutocomplete;
  EXPECT_TRUE(isAutocomplete(context, nullptr));
}

TEST(CandidatesTest, FileTypeForTheHeader) {
  FileCandidate a{"src/app.py", "python", CandidateSource::kMention};
  FileCandidate b{"x.weird", "", CandidateSource::kMention};
  FileCandidate c{"", "", CandidateSource::kMention};
  EXPECT_EQ(a.fileType(), "python");
  EXPECT_EQ(b.fileType(), "weird");
  EXPECT_EQ(c.fileType(), "none");
}

}  // namespace
}  // namespace gateos::plugins::policies::filetype_default_model
