import { describe, expect, it } from "vitest";
import { parseCategories, parseCsv, parseRespondents } from "../../server/draw/csv";
import { InvalidDrawInputError } from "../../server/draw/quotas";

describe("sortition CSV files", () => {
  const categories = "\uFEFFcategory,feature,min,max\r\ngender,female,1,2\r\ngender,male,1,2\r\nage,young,0,1\r\nage,old,1,3";

  it("reads categories with a BOM, CRLF and no trailing newline", () => {
    expect(parseCategories(categories)).toEqual([
      { category: "gender", feature: "female", min: 1, max: 2 },
      { category: "gender", feature: "male", min: 1, max: 2 },
      { category: "age", feature: "young", min: 0, max: 1 },
      { category: "age", feature: "old", min: 1, max: 3 },
    ]);
  });

  it("uses the row index as id when there is no id column", () => {
    const pool = parseRespondents("gender,age,name\nfemale,old,\"Li, Hua\"\nmale,young,Wang\n", parseCategories(categories));
    expect(pool).toEqual([
      { id: "0", features: { gender: "female", age: "old" } },
      { id: "1", features: { gender: "male", age: "young" } },
    ]);
  });

  it("uses the id column when there is one", () => {
    const pool = parseRespondents("age,id,gender\nold,R-7,male", parseCategories(categories));
    expect(pool).toEqual([{ id: "R-7", features: { gender: "male", age: "old" } }]);
  });

  it("handles quoted fields with commas, quotes and newlines", () => {
    expect(parseCsv('a,"b,""c""\nd",e\n\n1,2,3')).toEqual([
      ["a", 'b,"c"\nd', "e"],
      ["1", "2", "3"],
    ]);
  });

  it("rejects a missing category column or a bad bound", () => {
    expect(() => parseRespondents("gender\nfemale", parseCategories(categories))).toThrow('no column for category "age"');
    expect(() => parseCategories("category,feature,min,max\ngender,female,one,2")).toThrow(InvalidDrawInputError);
  });
});
