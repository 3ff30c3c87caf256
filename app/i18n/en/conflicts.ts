export const conflicts = {
  placeholder: "",
};
