// Integration tests run server modules outside Next: make `server-only` a no-op import.
import { vi } from "vitest";
vi.mock("server-only", () => ({}));
