export const cases = {
  placeholder: "",
};
