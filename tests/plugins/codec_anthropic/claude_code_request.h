#pragma once
// A request shaped like the ones Claude Code 2.1 sends (see shared CLIENTS.md):
// system as 3 text blocks with cache_control, a role "system" entry inside
// messages, 2 custom tools, adaptive thinking, context_management,
// output_config, metadata.user_id, a tool round trip with a thinking block.

#include <string_view>

namespace gateos::testing {

inline constexpr std::string_view kClaudeCodeRequest = R"({
  "model": "claude-sonnet-4-5",
  "max_tokens": 32000,
  "stream": true,
  "metadata": {"user_id": "user_abc123_account__session_5f3c"},
  "thinking": {"type": "adaptive"},
  "context_management": {"edits": [{"type": "clear_thinking_20251015", "keep": "all"}]},
  "output_config": {"effort": "high"},
  "system": [
    {"type": "text", "text": "x-anthropic-billing-header: cc_version=2.1.197; cc_entrypoint=sdk-cli"},
    {"type": "text", "text": "You are Claude Code, Anthropic's official CLI for Claude.", "cache_control": {"type": "ephemeral"}},
    {"type": "text", "text": "You are an interactive CLI tool that helps users with software engineering tasks.", "cache_control": {"type": "ephemeral"}}
  ],
  "messages": [
    {"role": "user", "content": [
      {"type": "text", "text": "<system-reminder>\nAs you answer the user's questions, you can use the following context.\n</system-reminder>"},
      {"type": "text", "text": "run echo hi", "cache_control": {"type": "ephemeral"}}
    ]},
    {"role": "system", "content": "The user switched to plan mode."},
    {"role": "assistant", "content": [
      {"type": "thinking", "thinking": "I should run the command.", "signature": "EqQBCkYIBxgCKkDsig=="},
      {"type": "text", "text": "Running it."},
      {"type": "tool_use", "id": "toolu_01A", "name": "Bash", "input": {"command": "echo hi", "description": "Print hi"}}
    ]},
    {"role": "user", "content": [
      {"type": "tool_result", "tool_use_id": "toolu_01A", "content": "hi", "is_error": false, "cache_control": {"type": "ephemeral"}}
    ]}
  ],
  "tools": [
    {"name": "Bash", "description": "Executes a bash command.", "input_schema": {"type": "object", "properties": {"command": {"type": "string"}, "description": {"type": "string"}}, "required": ["command"], "additionalProperties": false, "$schema": "http://json-schema.org/draft-07/schema#"}},
    {"name": "Read", "description": "Reads a file.", "input_schema": {"type": "object", "properties": {"file_path": {"type": "string"}}, "required": ["file_path"]}, "cache_control": {"type": "ephemeral"}}
  ]
})";

}  // namespace gateos::testing
