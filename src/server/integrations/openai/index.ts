export * from "./ports";
export { createLocalEmbedder, createLocalLlm, localEmbed, LOCAL_EMBEDDING_MODEL } from "./local";
export { createOpenAiPorts, type OpenAiOptions } from "./openai";
