export const questions = {
  placeholder: "",
};
