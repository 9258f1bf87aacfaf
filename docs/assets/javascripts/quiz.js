// Self-tests (学习测试): checked in the page itself. Nothing is stored or sent anywhere;
// the answer is in the question's data-answer attribute (studysite/quiz.py writes it).
(function () {
  "use strict";

  function check(quiz) {
    var inputs = quiz.querySelectorAll(".quiz-options input");
    var chosen = [];
    inputs.forEach(function (input, n) { if (input.checked) chosen.push(String(n)); });
    var result = quiz.querySelector(".quiz-result");
    if (chosen.length === 0) {
      result.textContent = "请先选择答案。";
      return;
    }
    var answer = quiz.getAttribute("data-answer").split(",");
    var right = chosen.length === answer.length &&
      chosen.every(function (n) { return answer.indexOf(n) >= 0; });
    quiz.classList.add("quiz-answered");
    quiz.classList.toggle("quiz-right", right);
    quiz.classList.toggle("quiz-wrong", !right);
    inputs.forEach(function (input, n) {
      var li = input.closest("li");
      li.classList.toggle("quiz-option-right", answer.indexOf(String(n)) >= 0);
      li.classList.toggle("quiz-option-wrong", input.checked && answer.indexOf(String(n)) < 0);
    });
    result.textContent = right ? "回答正确。" :
      "回答错误。正确答案是 " + quiz.getAttribute("data-right") + "，请看下面的解析。";
  }

  function setup() {
    document.querySelectorAll(".quiz").forEach(function (quiz) {
      var button = quiz.querySelector(".quiz-check");
      if (!button || button.dataset.bound) return;
      button.dataset.bound = "1";
      button.addEventListener("click", function () { check(quiz); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
