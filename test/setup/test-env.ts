// Configuration every test process runs with. Fixed test keys: never used outside tests.
process.env.NODE_ENV = "test";
process.env.ARGON2_PROFILE = "test";
process.env.SUNLINE_MASTER_KEY ??= Buffer.alloc(32, 7).toString("base64");
process.env.SUNLINE_HMAC_KEY ??= Buffer.alloc(32, 9).toString("base64");
process.env.APP_URL ??= "http://localhost:3999";
process.env.MAIL_TRANSPORT ??= "local";
export {};
