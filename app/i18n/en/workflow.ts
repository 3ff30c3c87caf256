export const workflow = {
  placeholder: "",
};
