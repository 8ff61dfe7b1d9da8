import { describe, expect, it } from "vitest";

import { devAccountLabel } from "../src/lib/devAccountNames.ts";

describe("dev account names", () => {
  it("match the terminal's list of demo accounts and service signers", () => {
    expect(devAccountLabel(0)).toBe("deployer (#0)");
    expect(devAccountLabel(1)).toBe("alice (#1)");
    expect(devAccountLabel(4)).toBe("dave (#4)");
    expect(devAccountLabel(19)).toBe("keeper (#19)");
  });
  it("number the unnamed ones", () => {
    expect(devAccountLabel(7)).toBe("Dev account #7");
  });
});
