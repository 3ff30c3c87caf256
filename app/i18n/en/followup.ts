export const followup = {
  placeholder: "",
};
