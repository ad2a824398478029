export * from "./users";
export * from "./catalog";
export * from "./instructors";
export * from "./messaging";
export * from "./search";
export * from "./payments";
export * from "./jobs";
export * from "./local-gateway";
